package io.github.natsjetstream.tck.smallrye;

import io.github.natsjetstream.tck.ConnectionScenarios;
import io.github.natsjetstream.tck.runtime.MessagingRuntime;

class SmallRyeConnectionTest extends ConnectionScenarios {

    @Override
    protected MessagingRuntime runtime() {
        return new WeldSmallRyeRuntime();
    }
}
