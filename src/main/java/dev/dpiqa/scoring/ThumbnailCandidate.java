package dev.dpiqa.scoring;

/**
 * One candidate frame or crop for a thumbnail.
 *
 * @param id    the caller's name for it (frame index, URI, ...)
 * @param image the frame at the scorer's input size; its failure (e.g. a corrupt frame) only drops this candidate
 */
public record ThumbnailCandidate(String id, ImageTensor image) {
}
