package io.github.natsjetstream.tck.smallrye;

import io.github.natsjetstream.tck.PayloadScenarios;
import io.github.natsjetstream.tck.runtime.MessagingRuntime;

class SmallRyePayloadTest extends PayloadScenarios {

    @Override
    protected MessagingRuntime runtime() {
        return new WeldSmallRyeRuntime();
    }
}
