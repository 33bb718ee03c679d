package dev.dpiqa.cli;

/** What became of one input: what the command made of it (a score, say), or a stable reason and a message. */
record Outcome<T>(ImageInputs.Input input, T result, String reason, String detail) {

    static <T> Outcome<T> succeeded(ImageInputs.Input input, T result) {
        return new Outcome<>(input, result, null, null);
    }

    static <T> Outcome<T> failed(ImageInputs.Input input, String reason, String detail) {
        return new Outcome<>(input, null, reason, detail);
    }

    boolean ok() {
        return result != null;
    }
}
