package io.github.natsjetstream.tck.smallrye;

import io.github.natsjetstream.tck.RestartScenarios;
import io.github.natsjetstream.tck.runtime.MessagingRuntime;

class SmallRyeRestartTest extends RestartScenarios {

    @Override
    protected MessagingRuntime runtime() {
        return new WeldSmallRyeRuntime();
    }
}
