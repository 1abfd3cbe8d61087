package io.github.natsjetstream.tck.smallrye;

import io.github.natsjetstream.tck.StreamProvisioningScenarios;
import io.github.natsjetstream.tck.runtime.MessagingRuntime;

class SmallRyeStreamProvisioningTest extends StreamProvisioningScenarios {

    @Override
    protected MessagingRuntime runtime() {
        return new WeldSmallRyeRuntime();
    }
}
