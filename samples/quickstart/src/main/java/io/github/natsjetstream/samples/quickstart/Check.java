package io.github.natsjetstream.samples.quickstart;

/**
 * One line of the run summary: what was checked, whether it holds, and the numbers behind it.
 */
record Check(String name, boolean passed, String detail) {

    static Check of(String name, boolean passed, String detail) {
        return new Check(name, passed, detail);
    }

    String format() {
        return (passed ? "[PASS] " : "[FAIL] ") + name + ": " + detail;
    }
}
