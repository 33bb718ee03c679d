package dev.dpiqa.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.dpiqa.image.ImageRejectedException.Reason;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that intake refuses input with one typed reason. */
final class Rejections {

    private Rejections() {
    }

    static ImageRejectedException assertRejected(ThrowingCallable decode, Reason reason) {
        Throwable thrown = catchThrowable(decode);
        assertThat(thrown).isInstanceOf(ImageRejectedException.class);
        ImageRejectedException rejection = (ImageRejectedException) thrown;
        assertThat(rejection.reason()).as("reason; message: %s", rejection.getMessage()).isEqualTo(reason);
        return rejection;
    }
}
