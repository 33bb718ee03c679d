package dev.dpiqa.review;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class UploadIndexTest {

    @Test
    void forgetsTheOldestUploadsBeyondItsCapacity() {
        UploadIndex index = new UploadIndex(2, 1000);
        for (int i = 0; i < 3; i++) {
            index.put("u" + i, new PhotoRef("a" + i, Optional.of("file:/p" + i), Optional.empty()));
        }
        assertThat(index.get("u0")).isEmpty();
        assertThat(index.get("u2").flatMap(PhotoRef::uri)).contains("file:/p2");
    }

    @Test
    void dropsTheOldestInlineBytesFirstToStayWithinItsBudgetButKeepsTheReference() {
        UploadIndex index = new UploadIndex(10, 250);
        for (int i = 0; i < 3; i++) {
            index.put("u" + i, new PhotoRef("a" + i, Optional.empty(), Optional.of(new byte[100])));
        }
        assertThat(index.inlineHeld()).isEqualTo(200);
        assertThat(index.get("u0").orElseThrow().inline()).isEmpty();
        assertThat(index.get("u2").orElseThrow().inline()).isPresent();
        index.release("u2");
        assertThat(index.inlineHeld()).isEqualTo(100);
        assertThat(index.get("u2").orElseThrow().assetId()).isEqualTo("a2");
    }
}
