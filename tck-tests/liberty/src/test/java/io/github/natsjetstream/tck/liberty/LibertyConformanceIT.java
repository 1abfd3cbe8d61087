package io.github.natsjetstream.tck.liberty;

import io.github.natsjetstream.tck.conformance.ConformanceRuntime;
import io.github.natsjetstream.tck.conformance.ConformanceScenarios;

class LibertyConformanceIT extends ConformanceScenarios {

    @Override
    protected ConformanceRuntime runtime() {
        return new LibertyRuntime();
    }
}
