package dev.dpiqa.model;

import dev.dpiqa.image.DecodeReduction;
import dev.dpiqa.image.InputView;

import java.util.List;
import java.util.Map;

/**
 * The manifest's {@code preprocessing} section as far as this server implements it: the decode, resize, aspect and
 * normalization that {@code image} applies, and the optional {@code decode_reduction}. A model exported with any
 * other value (another resize, say) would be served other pixels than it was trained on, silently; so any other
 * value, and any key this server does not know, refuses the version at load. Python writes the section in
 * {@code training/models/registry.py} ({@code preprocessing_of}); a change there needs its counterpart here.
 */
final class PreprocessingContract {

    static final String DECODE_REDUCTION = "decode_reduction";

    /** What {@code image} does, by key, in the words the exporter writes. */
    private static final Map<String, Object> IMPLEMENTED = Map.of(
            "decode", "8-bit sRGB, EXIF orientation applied, alpha composited over white",
            "resize", "bilinear_antialias",
            "keep_aspect", false,
            "normalization", "inside_model");

    private PreprocessingContract() {
    }

    /**
     * {@code {"method": "jpeg_dct_scaling", "min_short_side_ratio": N}}; without it (every version before it) the
     * photo is decoded at full size.
     */
    static DecodeReduction decodeReduction(Map<String, Object> preprocessing) {
        Object declared = preprocessing == null ? null : preprocessing.get(DECODE_REDUCTION);
        if (declared instanceof Map<?, ?> reduction && DecodeReduction.JPEG_DCT_SCALING.equals(reduction.get("method"))
                && reduction.get("min_short_side_ratio") instanceof Integer ratio && ratio > 0) {
            return new DecodeReduction(ratio);
        }
        return DecodeReduction.NONE;
    }

    /** Adds one line per value this server would not apply as declared. */
    static void addProblems(Map<String, Object> preprocessing, List<InputView> views, List<String> problems) {
        if (preprocessing == null) {
            problems.add("preprocessing is missing: this server implements " + IMPLEMENTED);
            return;
        }
        IMPLEMENTED.forEach((key, value) -> {
            if (!value.equals(preprocessing.get(key))) {
                problems.add("preprocessing." + key + " must be " + value + " (what this server implements), got "
                        + preprocessing.get(key));
            }
        });
        preprocessing.keySet().stream().filter(key -> !IMPLEMENTED.containsKey(key) && !DECODE_REDUCTION.equals(key))
                .sorted().forEach(key -> problems.add("preprocessing." + key + " is not implemented by this server"));
        if (preprocessing.containsKey(DECODE_REDUCTION)) {
            addDecodeReductionProblems(preprocessing, views, problems);
        }
    }

    /** A reduction this server cannot apply as declared would serve other pixels than the model was made for. */
    private static void addDecodeReductionProblems(Map<String, Object> preprocessing, List<InputView> views,
                                                   List<String> problems) {
        if (decodeReduction(preprocessing).equals(DecodeReduction.NONE)) {
            problems.add("preprocessing.decode_reduction must be {\"method\": \"" + DecodeReduction.JPEG_DCT_SCALING
                    + "\", \"min_short_side_ratio\": <positive integer>}, got " + preprocessing.get(DECODE_REDUCTION));
        } else if (!views.stream().allMatch(InputView.WHOLE::equals)) {
            problems.add("preprocessing.decode_reduction needs every input view to be whole (a native crop reads the"
                    + " photo's own pixels), got " + views);
        }
    }
}
