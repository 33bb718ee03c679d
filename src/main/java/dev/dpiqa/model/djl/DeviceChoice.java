package dev.dpiqa.model.djl;

/** Where models run. AUTO takes the first GPU when libtorch sees one (teacher nodes), else the CPU. */
public enum DeviceChoice {
    AUTO,
    CPU,
    GPU
}
