# Terraform area: the terraform binary, the local provider mirror and moto's AWS server.
# Nothing here can be downloaded (no provider registry is reachable): the tests
# use what the machine image has and skip loudly, naming what is missing, otherwise.
if command -v terraform >/dev/null 2>&1; then
  echo "ci: terraform $(terraform version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p')"
else
  echo "ci: WARNING terraform is not installed: the terraform tests will be skipped"
fi
if [ -z "${NIMBUS_TF_PLUGIN_DIR:-}" ] && [ -d /opt/tf-plugins/registry.terraform.io/hashicorp/aws ]; then
  export NIMBUS_TF_PLUGIN_DIR=/opt/tf-plugins
fi
if [ -n "${NIMBUS_TF_PLUGIN_DIR:-}" ]; then
  echo "ci: terraform provider mirror at $NIMBUS_TF_PLUGIN_DIR"
else
  echo "ci: WARNING no terraform provider mirror (hashicorp/aws): terraform validate and the moto end-to-end test will be skipped"
fi
if ! command -v moto_server >/dev/null 2>&1; then
  if command -v pip >/dev/null 2>&1; then pip install --quiet 'moto[server]==5.2.1' >/dev/null 2>&1 || true; fi
fi
command -v moto_server >/dev/null 2>&1 && echo "ci: moto_server found" || echo "ci: WARNING moto_server is not installed: the terraform end-to-end test will be skipped"
# Never let a stray ~/.terraformrc path leak into the tests (Nimbus writes its own CLI config).
unset TF_CLI_ARGS || true
