package io.github.natsjetstream.tck.smallrye;

import io.github.natsjetstream.tck.PublishScenarios;
import io.github.natsjetstream.tck.runtime.MessagingRuntime;

class SmallRyePublishTest extends PublishScenarios {

    @Override
    protected MessagingRuntime runtime() {
        return new WeldSmallRyeRuntime();
    }
}
