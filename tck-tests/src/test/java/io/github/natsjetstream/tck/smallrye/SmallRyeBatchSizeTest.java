package io.github.natsjetstream.tck.smallrye;

import io.github.natsjetstream.tck.BatchSizeScenarios;
import io.github.natsjetstream.tck.runtime.MessagingRuntime;

class SmallRyeBatchSizeTest extends BatchSizeScenarios {

    @Override
    protected MessagingRuntime runtime() {
        return new WeldSmallRyeRuntime();
    }
}
