"""How models are trained: the student, teacher, distillation and U-Net prior recipes, their losses, the fit
loop they share, and the caches of frozen parts that let a teacher train on CPUs."""
