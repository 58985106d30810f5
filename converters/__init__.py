"""Model-file converters behind `migrate model`.

One module per format (ckpt, h5, json_weights, savedmodel, frozen, tflite, keras_native)
says what the format is, how it is recognised from content, and how it is loaded and
written. `planner` holds the edge list between formats and plans the shortest path,
`convert` runs a plan, `verify` proves the result numerically and `inspect` describes a file.

TensorFlow is never imported at module import time here; see `tfenv.tf()`.
"""
