# Sourced by .ci/run (bash, set -euo pipefail). Cloud CLIs and services for the
# aws-*, gcp-* and azure-* tests. Nothing here signs in anywhere or reaches a
# cloud: the AWS tests start their own moto_server on a free loopback port, the
# GCP tests point the real gcloud at fixtures/gcp, and az is only used signed out.

# moto's AWS server (the aws-* tests start and stop it themselves).
if ! command -v moto_server >/dev/null 2>&1; then
  echo "ci: installing moto[server] (moto_server is not on PATH)"
  python3 -m pip install --quiet 'moto[server]>=5,<6' || {
    echo "ci: cannot install moto[server]; the aws-* tests need moto_server" >&2
    exit 1
  }
  hash -r
fi
echo "ci: moto_server at $(command -v moto_server)"

# gcloud: the gcp-* tests drive the real CLI. It is not in Debian; install it from
# an apt source when one offers it, otherwise those tests skip and say why.
if ! command -v gcloud >/dev/null 2>&1; then
  if apt-cache policy google-cloud-cli 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get install -y -qq --no-install-recommends google-cloud-cli >/dev/null
  else
    echo "ci: WARNING: gcloud is not installed and no apt source offers google-cloud-cli: the gcp-* tests will be skipped" >&2
  fi
fi
command -v gcloud >/dev/null 2>&1 && echo "ci: gcloud $(gcloud version --format='value(core)' 2>/dev/null || echo '?')"

# Keep the cloud CLIs quiet and offline during tests.
export CLOUDSDK_CORE_DISABLE_PROMPTS=1
export CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK=1
export AWS_EC2_METADATA_DISABLED=true
