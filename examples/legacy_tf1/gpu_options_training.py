"""facenet-style training script (TensorFlow 1.x): GPU options and keep_prob dropout.

A small regression network trained with a Session loop, the way facenet's
train_softmax.py sets it up: a GPUOptions memory fraction plus allow_growth in the
session config, dropout driven by a keep_prob placeholder (0.8 while training, 1.0 for
evaluation).  Prints the training loss every few steps and the final evaluation loss.

Usage: python gpu_options_training.py [--gpu_memory_fraction 0.5] [--steps 60]
"""
from __future__ import print_function

import argparse
import sys

import numpy as np
import tensorflow as tf


def parse_arguments(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu_memory_fraction", type=float, default=0.5,
                        help="Upper bound on the amount of GPU memory used by the process.")
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--keep_probability", type=float, default=0.8)
    return parser.parse_args(argv)


def inference(x, keep_prob):
    w1 = tf.get_variable("w1", [4, 16], initializer=tf.truncated_normal_initializer(stddev=0.3, seed=1))
    b1 = tf.get_variable("b1", [16], initializer=tf.zeros_initializer())
    hidden = tf.nn.relu(tf.matmul(x, w1) + b1)
    hidden = tf.nn.dropout(hidden, keep_prob, seed=2)
    w2 = tf.get_variable("w2", [16, 1], initializer=tf.truncated_normal_initializer(stddev=0.3, seed=3))
    b2 = tf.get_variable("b2", [1], initializer=tf.zeros_initializer())
    return tf.matmul(hidden, w2) + b2


def main(args):
    rng = np.random.RandomState(0)
    x_data = rng.uniform(-1, 1, (64, 4)).astype(np.float32)
    y_data = (x_data @ np.array([[1.5], [-2.0], [0.5], [1.0]], np.float32) + 0.3).astype(np.float32)

    with tf.Graph().as_default():
        tf.set_random_seed(0)
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        y = tf.placeholder(tf.float32, [None, 1], name="y")
        keep_prob = tf.placeholder(tf.float32, name="keep_prob")
        prediction = inference(x, keep_prob)
        loss = tf.reduce_mean(tf.square(prediction - y))
        train_op = tf.train.AdamOptimizer(0.05).minimize(loss)

        gpu_options = tf.GPUOptions(per_process_gpu_memory_fraction=args.gpu_memory_fraction)
        config = tf.ConfigProto(gpu_options=gpu_options, log_device_placement=False)
        config.gpu_options.allow_growth = True
        sess = tf.Session(config=config)
        sess.run(tf.global_variables_initializer())
        for step in range(args.steps):
            _, loss_value = sess.run([train_op, loss], feed_dict={x: x_data, y: y_data, keep_prob: args.keep_probability})
            if step % 10 == 0:
                print("step %d loss %.5f" % (step, loss_value))
        eval_loss = sess.run(loss, feed_dict={x: x_data, y: y_data, keep_prob: 1.0})
        print("eval loss %.5f" % eval_loss)
        print("gpu_memory_fraction %.2f allow_growth %s" % (
            config.gpu_options.per_process_gpu_memory_fraction, config.gpu_options.allow_growth))
        sess.close()


if __name__ == "__main__":
    main(parse_arguments(sys.argv[1:]))
