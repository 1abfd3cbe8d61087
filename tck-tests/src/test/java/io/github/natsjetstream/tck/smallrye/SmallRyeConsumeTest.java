package io.github.natsjetstream.tck.smallrye;

import io.github.natsjetstream.tck.ConsumeScenarios;
import io.github.natsjetstream.tck.runtime.MessagingRuntime;

class SmallRyeConsumeTest extends ConsumeScenarios {

    @Override
    protected MessagingRuntime runtime() {
        return new WeldSmallRyeRuntime();
    }
}
