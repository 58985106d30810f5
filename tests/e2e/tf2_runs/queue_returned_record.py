"""A TF 1.x reading function (written for migrate's --style tf2 tests): a TFRecord file is
written first; `read_example` reads one record through string_input_producer (shuffled by
default, one file name) and a TFRecordReader, parses and decodes it and returns the tensors;
the program runs them once in a Session with queue runners: the first record of the file."""
import sys

import numpy as np
import tensorflow as tf

workdir = sys.argv[1] if len(sys.argv) > 1 else "."
path = workdir + "/examples.tfrecord"
rng = np.random.RandomState(7)
writer = tf.python_io.TFRecordWriter(path)
for label in (3, 5, 8):
    pixels = rng.randint(0, 255, size=(4, 6, 3)).astype(np.uint8)
    example = tf.train.Example(features=tf.train.Features(feature={
        "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[label])),
        "shape": tf.train.Feature(bytes_list=tf.train.BytesList(value=[np.array(pixels.shape, np.int32).tobytes()])),
        "image": tf.train.Feature(bytes_list=tf.train.BytesList(value=[pixels.tobytes()])),
    }))
    writer.write(example.SerializeToString())
writer.close()


def read_example(filenames):
    queue = tf.train.string_input_producer(filenames, name="queue")
    reader = tf.TFRecordReader()
    _, serialized = reader.read(queue)
    features = tf.parse_single_example(serialized, features={
        "label": tf.FixedLenFeature([], tf.int64),
        "shape": tf.FixedLenFeature([], tf.string),
        "image": tf.FixedLenFeature([], tf.string),
    })
    shape = tf.decode_raw(features["shape"], tf.int32)
    image = tf.reshape(tf.decode_raw(features["image"], tf.uint8), shape)
    gray = tf.reduce_mean(tf.cast(image, tf.float32), axis=2)
    return features["label"], shape, image, gray


def show(filename):
    label, shape, image, gray = read_example([filename])
    with tf.Session() as sess:
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(coord=coord)
        label, shape, image, gray = sess.run([label, shape, image, gray])
        coord.request_stop()
        coord.join(threads)
    print(f"label={label}")
    print("shape=" + np.array2string(shape, separator=","))
    print(f"image_sum={int(image.astype(np.int64).sum())}")
    print("gray_row=" + np.array2string(gray[0], precision=5, separator=","))


show(path)
