# Terraform area: the terraform binary, the local provider mirror (hashicorp/aws)
# and moto's AWS server. None of them can be downloaded here: no provider
# registry or release site is reachable, and neither is PyPI. The tests use what
# the machine image has (terraform on PATH, /opt/tf-plugins, moto_server) and
# skip loudly, naming what is missing, otherwise:
#   - terraform missing: every terraform-* test that runs terraform;
#   - provider mirror missing: terraform validate with AWS and the end-to-end test;
#   - moto_server missing: the end-to-end test (test/terraform-e2e.test.ts).
if command -v terraform >/dev/null 2>&1; then
  echo "ci: terraform $(terraform version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p') at $(command -v terraform)"
else
  echo "ci: WARNING terraform is not installed: the terraform tests will be skipped"
fi
if [ -z "${NIMBUS_TF_PLUGIN_DIR:-}" ] && [ -d /opt/tf-plugins/registry.terraform.io/hashicorp/aws ]; then
  export NIMBUS_TF_PLUGIN_DIR=/opt/tf-plugins
fi
if [ -n "${NIMBUS_TF_PLUGIN_DIR:-}" ]; then
  echo "ci: terraform provider mirror at $NIMBUS_TF_PLUGIN_DIR: $(ls "$NIMBUS_TF_PLUGIN_DIR"/registry.terraform.io/hashicorp 2>/dev/null | tr '\n' ' ')"
else
  echo "ci: WARNING no terraform provider mirror (hashicorp/aws): terraform validate and the moto end-to-end test will be skipped"
fi
if command -v moto_server >/dev/null 2>&1; then
  echo "ci: moto_server found (moto $(python3 -c 'import moto; print(moto.__version__)' 2>/dev/null || echo '?')): the terraform end-to-end test runs"
else
  echo "ci: WARNING moto_server is not installed: the terraform end-to-end test will be skipped"
fi
# Never let stray terraform settings leak into the tests (Nimbus writes its own CLI config).
unset TF_CLI_ARGS TF_LOG TF_LOG_PATH || true
