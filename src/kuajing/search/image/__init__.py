"""Offline image search: an ONNX image embedder (EfficientNet-Lite0 + PCA) and an in-memory vector index.

Importing this package is cheap; onnxruntime is imported and the model is loaded on first use.
"""

from kuajing.search.image.embedder import DIM, INPUT_SIZE, MODEL_PATH, ImageEmbedder, InvalidImageError
from kuajing.search.image.index import VectorIndex

__all__ = ["DIM", "INPUT_SIZE", "MODEL_PATH", "ImageEmbedder", "InvalidImageError", "VectorIndex"]
