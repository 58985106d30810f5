"""im2txt-style TFRecord builder (TensorFlow 1.x, written for Python 2).

Makes a few tiny images (JPEG and PNG) with captions, writes them as SequenceExamples
the way im2txt's build_mscoco_data.py does, reads the records back and prints, per
record, the decoded image shape, the caption and a checksum of the stored image bytes
next to the checksum of the file on disk.

Usage: python tfrecord_writer_reader.py [OUTPUT_DIR]   (default: ./tfrecord_out)
"""
from __future__ import print_function

import collections
import hashlib
import os
import struct
import sys
import zlib

import numpy as np
import tensorflow as tf

ImageMetadata = collections.namedtuple("ImageMetadata", ["image_id", "filename", "captions"])


def _int64_feature(value):
    return tf.train.Feature(int64_list=tf.train.Int64List(value=[value]))


def _bytes_feature(value):
    return tf.train.Feature(bytes_list=tf.train.BytesList(value=[str(value)]))


def _int64_feature_list(values):
    return tf.train.FeatureList(feature=[_int64_feature(v) for v in values])


def _bytes_feature_list(values):
    return tf.train.FeatureList(feature=[_bytes_feature(v) for v in values])


def _png_bytes(width, height, shade):
    """A grayscale PNG, byte by byte (no image library needed)."""
    rows = b"".join(
        b"\x00" + bytes(bytearray((shade + 17 * x + 5 * y) % 256 for x in range(width)))
        for y in range(height)
    )

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def make_images(directory):
    """Two JPEGs encoded by TensorFlow and one PNG; a captions file like Flickr8k's."""
    pixels = tf.placeholder(tf.uint8, [None, None, 3])
    encode = tf.image.encode_jpeg(pixels, quality=95)
    rng = np.random.RandomState(0)
    images = []
    with tf.Session() as sess:
        for image_id, (height, width) in enumerate([(6, 8), (5, 7)]):
            filename = os.path.join(directory, "img%d.jpg" % image_id)
            data = sess.run(encode, {pixels: rng.randint(0, 255, (height, width, 3)).astype(np.uint8)})
            with open(filename, "wb") as f:
                f.write(data)
            images.append(filename)
    filename = os.path.join(directory, "img2.png")
    with open(filename, "wb") as f:
        f.write(_png_bytes(9, 4, 40))
    images.append(filename)
    captions = ["a red square", "two noisy cats", "a gray ramp"]
    captions_file = os.path.join(directory, "captions.txt")
    with open(captions_file, "w") as f:
        for filename, caption in zip(images, captions):
            f.write("%s#0\t%s\n" % (os.path.basename(filename), caption))
    return images, captions_file


def load_metadata(images, captions_file):
    with tf.gfile.FastGFile(captions_file, "r") as fc:
        lines = fc.readlines()
    id_to_captions = {}
    for line in lines:
        name, caption = line.rstrip("\n").split("\t")
        id_to_captions.setdefault(name.split("#")[0], []).append(caption)
    return [
        ImageMetadata(i, filename, id_to_captions[os.path.basename(filename)])
        for i, filename in enumerate(images)
    ]


def to_sequence_example(image, vocab):
    with tf.gfile.FastGFile(image.filename, "r") as f:
        encoded_image = f.read()
    context = tf.train.Features(feature={
        "image/image_id": _int64_feature(image.image_id),
        "image/data": _bytes_feature(encoded_image),
        "image/filename": _bytes_feature(os.path.basename(image.filename)),
    })
    words = image.captions[0].split()
    feature_lists = tf.train.FeatureLists(feature_list={
        "image/caption": _bytes_feature_list(words),
        "image/caption_ids": _int64_feature_list([vocab[w] for w in words]),
    })
    return tf.train.SequenceExample(context=context, feature_lists=feature_lists)


def main(directory):
    if not os.path.isdir(directory):
        os.makedirs(directory)
    images, captions_file = make_images(directory)
    metadata = load_metadata(images, captions_file)
    vocab = {}
    for image in metadata:
        for word in image.captions[0].split():
            vocab.setdefault(word, len(vocab))
    record_path = os.path.join(directory, "train-00000-of-00001")
    writer = tf.python_io.TFRecordWriter(record_path)
    for image in metadata:
        writer.write(to_sequence_example(image, vocab).SerializeToString())
    writer.close()

    encoded = tf.placeholder(tf.string)
    decoded = tf.image.decode_image(encoded, channels=3)
    with tf.Session() as sess:
        for record in tf.python_io.tf_record_iterator(record_path):
            example = tf.train.SequenceExample.FromString(record)
            context = example.context.feature
            data = context["image/data"].bytes_list.value[0]
            filename = context["image/filename"].bytes_list.value[0].decode()
            caption = b" ".join(f.bytes_list.value[0] for f in example.feature_lists.feature_list["image/caption"].feature)
            with open(os.path.join(directory, filename), "rb") as f:
                on_disk = hashlib.sha256(f.read()).hexdigest()
            shape = sess.run(decoded, {encoded: data}).shape
            print("record id=%d file=%s shape=%s caption=%s stored_sha=%s file_sha=%s" % (
                context["image/image_id"].int64_list.value[0], filename, "x".join(map(str, shape)),
                caption.decode(), hashlib.sha256(data).hexdigest(), on_disk,
            ))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tfrecord_out")
