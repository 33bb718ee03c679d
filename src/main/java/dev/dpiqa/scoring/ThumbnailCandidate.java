package dev.dpiqa.scoring;

import java.util.concurrent.Callable;

/**
 * One candidate frame or crop for a thumbnail.
 *
 * @param id    the caller's name for it (frame index, URI, ...)
 * @param image produces the CHW input; called once, and its failure (e.g. a corrupt frame) only drops this candidate
 */
public record ThumbnailCandidate(String id, Callable<float[]> image) {
}
