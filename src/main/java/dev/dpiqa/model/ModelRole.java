package dev.dpiqa.model;

/** Which side of the distillation a model is; manifest.json writes it in lower case. */
public enum ModelRole {
    STUDENT,
    TEACHER
}
