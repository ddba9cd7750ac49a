"""Fitting the structure model from the gold: corpus, aligner, examples, fit (``python train/fit.py``)."""
