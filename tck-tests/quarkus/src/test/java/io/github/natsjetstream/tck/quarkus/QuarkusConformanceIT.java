package io.github.natsjetstream.tck.quarkus;

import io.github.natsjetstream.tck.conformance.ConformanceRuntime;
import io.github.natsjetstream.tck.conformance.ConformanceScenarios;

class QuarkusConformanceIT extends ConformanceScenarios {

    @Override
    protected ConformanceRuntime runtime() {
        return new QuarkusRuntime();
    }
}
