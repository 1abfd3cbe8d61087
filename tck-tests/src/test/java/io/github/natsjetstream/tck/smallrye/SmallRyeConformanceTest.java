package io.github.natsjetstream.tck.smallrye;

import io.github.natsjetstream.tck.conformance.ConformanceRuntime;
import io.github.natsjetstream.tck.conformance.ConformanceScenarios;

class SmallRyeConformanceTest extends ConformanceScenarios {

    @Override
    protected ConformanceRuntime runtime() {
        return new WeldConformanceRuntime();
    }
}
