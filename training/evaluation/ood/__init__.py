"""Out-of-domain robustness: photos from outside CLIVE at their own resolution, degraded by code written apart
from the training generator (`training.data.distortions`), then scored through serving's own preprocessing.

`photos` fetches and prepares the photos (Debian wallpaper packages, provenance recorded); `degradations` holds
the independent degradations. `python3 -m training.evaluation.robustness --protocol ood` runs the protocol. Nothing here is
imported by training: it measures generalisation, it must not teach it.
"""
