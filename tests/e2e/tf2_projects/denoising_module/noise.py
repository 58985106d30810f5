"""A function drawing random numbers for another module's model builder (written for migrate's
--style tf2 tests; the shape of pkmital's libs/utils.py `corrupt`)."""
import tensorflow as tf


def corrupt(x):
    """Half of the values of `x` masked to 0, drawn at each run."""
    return tf.multiply(x, tf.cast(tf.random_uniform(shape=tf.shape(x),
                                                    minval=0,
                                                    maxval=2,
                                                    dtype=tf.int32), tf.float32))
