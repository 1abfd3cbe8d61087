package io.github.natsjetstream.tck.smallrye;

import io.github.natsjetstream.tck.OptionsCustomizerScenarios;
import io.github.natsjetstream.tck.runtime.MessagingRuntime;

class SmallRyeOptionsCustomizerTest extends OptionsCustomizerScenarios {

    @Override
    protected MessagingRuntime runtime() {
        return new WeldSmallRyeRuntime();
    }
}
