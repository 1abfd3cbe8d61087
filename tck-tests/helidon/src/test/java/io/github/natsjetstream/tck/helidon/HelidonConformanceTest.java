package io.github.natsjetstream.tck.helidon;

import io.github.natsjetstream.tck.conformance.ConformanceRuntime;
import io.github.natsjetstream.tck.conformance.ConformanceScenarios;

class HelidonConformanceTest extends ConformanceScenarios {

    @Override
    protected ConformanceRuntime runtime() {
        return new HelidonRuntime();
    }
}
