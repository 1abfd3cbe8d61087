package io.github.natsjetstream.tck.smallrye;

import io.github.natsjetstream.tck.StartupErrorScenarios;
import io.github.natsjetstream.tck.runtime.MessagingRuntime;

class SmallRyeStartupErrorTest extends StartupErrorScenarios {

    @Override
    protected MessagingRuntime runtime() {
        return new WeldSmallRyeRuntime();
    }
}
