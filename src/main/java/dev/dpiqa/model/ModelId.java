package dev.dpiqa.model;

/** Name and version of a model, as results report it. */
public record ModelId(String name, String version) {

    @Override
    public String toString() {
        return name + "/" + version;
    }
}
