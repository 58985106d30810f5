# The program of the session_class project (written for the tests): its Session is handed to the
# constructor of qnet.py's class (two objects, one imported by module, one by name), initialized
# and otherwise used by the objects' methods only.
import numpy as np
import qnet
import tensorflow as tf
from qnet import QNet


def train_batch(main, target, states, rewards):
    targets = main.predict(states)
    targets[:, 0] = rewards + 0.9 * np.max(target.predict(states), axis=1)
    loss, _ = main.update(states, targets)
    return loss


def main():
    rng = np.random.RandomState(0)
    with tf.Session() as sess:
        main_net = qnet.QNet(sess, 4, 2, name="main")
        target_net = QNet(sess, 4, 2, name="target")
        init = tf.global_variables_initializer()
        sess.run(init)
        for step in range(6):
            states = rng.randn(8, 4).astype(np.float32)
            loss = train_batch(main_net, target_net, states, rng.rand(8))
            print(f"step={step} loss={loss:.7g}")
        print("q=[{}]".format(" ".join(f"{v:.7g}" for v in main_net.predict(states[0])[0])))
        print("target=[{}]".format(" ".join(f"{v:.7g}" for v in target_net.predict(states[0])[0])))


if __name__ == "__main__":
    main()
