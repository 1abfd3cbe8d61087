package io.github.natsjetstream.tck.smallrye;

import io.github.natsjetstream.tck.SharedDurableScenarios;
import io.github.natsjetstream.tck.runtime.MessagingRuntime;

class SmallRyeSharedDurableTest extends SharedDurableScenarios {

    @Override
    protected MessagingRuntime runtime() {
        return new WeldSmallRyeRuntime();
    }
}
