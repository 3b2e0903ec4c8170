"""Builds the fazhi_client package with its protos and generated stubs inside it, so that
`import fazhi_client` needs no repository and no protoc at run time: the .proto files are copied
into fazhi_client/proto and protoc (with grpc_python_plugin) generates fazhi_client/_generated from them (see
fazhi_client/stubs.py). Metadata is in pyproject.toml.

    python3 -m pip install --no-deps --no-build-isolation --target DIR clients/python
"""

import importlib.util
import os

from setuptools import setup
from setuptools.command.build_py import build_py


def _load_stubs_module():
    # stubs.py alone: importing the fazhi_client package would load the stubs it is about to make.
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fazhi_client", "stubs.py")
    spec = importlib.util.spec_from_file_location("fazhi_client_stubs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


stubs = _load_stubs_module()


class BuildWithStubs(build_py):
    def run(self):
        super().run()
        package = os.path.join(self.build_lib, "fazhi_client")
        stubs.copy_protos(os.path.join(package, "proto"))
        stubs.generate(os.path.join(package, "_generated"), source_dir=os.path.join(package, "proto"))


setup(cmdclass={"build_py": BuildWithStubs})
