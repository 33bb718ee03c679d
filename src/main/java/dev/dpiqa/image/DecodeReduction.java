package dev.dpiqa.image;

/**
 * How far a model lets a JPEG be decoded reduced (manifest {@code preprocessing.decode_reduction}, method
 * {@value #JPEG_DCT_SCALING}): libjpeg's DCT scaling by 1/2, 1/4 or 1/8, the largest that keeps the photo's short
 * side at least {@code minShortSideRatio} times the model input's short side. {@code training/data/preprocess.py}
 * applies the same rule through Pillow's {@code draft()}, so a model is trained and served on the same pixels.
 *
 * @param minShortSideRatio 0 (decode at full size, every manifest without the field) or at least 1
 */
public record DecodeReduction(int minShortSideRatio) {

    /** The one method there is: what libjpeg (and so Pillow's draft and TurboJPEG) can do while decoding. */
    public static final String JPEG_DCT_SCALING = "jpeg_dct_scaling";

    /** Full-size decoding, as every version before reduced decoding. */
    public static final DecodeReduction NONE = new DecodeReduction(0);

    private static final int[] DENOMINATORS = {8, 4, 2};

    public DecodeReduction {
        if (minShortSideRatio < 0) {
            throw new IllegalArgumentException("min_short_side_ratio must be 0 or positive, was " + minShortSideRatio);
        }
    }

    /**
     * @param photoShortSide    the encoded photo's short side, in pixels
     * @param minDecodedShortSide the least the decoded short side may be; 0 for a full-size decode
     * @return 1, 2, 4 or 8: the photo is decoded at 1/denominator of its size (sides rounded up)
     */
    static int denominator(int photoShortSide, long minDecodedShortSide) {
        if (minDecodedShortSide > 0) {
            for (int denominator : DENOMINATORS) {
                if (photoShortSide >= denominator * minDecodedShortSide) {
                    return denominator;
                }
            }
        }
        return 1;
    }
}
