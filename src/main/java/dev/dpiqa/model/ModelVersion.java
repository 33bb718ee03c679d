package dev.dpiqa.model;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version ({@code MAJOR.MINOR.PATCH[-pre][+build]}), ordered by semver 2.0.0 precedence: numbers
 * compare numerically (1.10.0 &gt; 1.9.0), a pre-release sorts before its release, build metadata is ignored.
 */
public record ModelVersion(int major, int minor, int patch, String preRelease) implements Comparable<ModelVersion> {

    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z.-]+)?");

    private static final Comparator<ModelVersion> ORDER = Comparator.comparingInt(ModelVersion::major)
            .thenComparingInt(ModelVersion::minor)
            .thenComparingInt(ModelVersion::patch)
            .thenComparing(ModelVersion::preRelease, ModelVersion::comparePreRelease);

    public static ModelVersion parse(String text) {
        Matcher m = text == null ? null : SEMVER.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a semantic version (MAJOR.MINOR.PATCH): " + text);
        }
        return new ModelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4) == null ? "" : m.group(4));
    }

    @Override
    public int compareTo(ModelVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease);
    }

    private static int comparePreRelease(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty()); // a release outranks any pre-release
        }
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int c = compareIdentifier(left[i], right[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    private static int compareIdentifier(String a, String b) {
        boolean aNumeric = a.chars().allMatch(Character::isDigit);
        boolean bNumeric = b.chars().allMatch(Character::isDigit);
        if (aNumeric && bNumeric) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1; // numeric identifiers sort before alphanumeric ones
        }
        return a.compareTo(b);
    }
}
