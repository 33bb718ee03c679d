"""How models are judged: metrics, plots, robustness to degradations (in-domain and `ood`), the BRISQUE baseline,
and the evaluation protocols over CLIVE splits."""
