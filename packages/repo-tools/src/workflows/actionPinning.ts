// A tag like v4 or a branch moves under the workflow: whoever controls the
// action's repository then runs code in our CI with our secrets. An exact
// release tag is at least a deliberate choice; a commit SHA cannot move.
const EXACT_RELEASE_TAG = /^v\d+\.\d+\.\d+$/;
const COMMIT_SHA = /^[0-9a-f]{40}$/;
const IMAGE_DIGEST = /@sha256:[0-9a-f]{64}$/;
const EXACT_IMAGE_TAG = /:v?\d+\.\d+\.\d+([-.+][\w.-]*)?$/;

const HOW_TO_PIN =
  'pin it to an exact release tag (vX.Y.Z) or a full 40-character commit SHA';

/**
 * Why the `uses:` reference of a step or a job is not pinned, or undefined
 * when it is: a local action or workflow (`./…`), an action or reusable
 * workflow at an exact release tag or a commit SHA, or a `docker://` image
 * with a digest or an exact version tag.
 */
export function actionPinningProblem(uses: string): string | undefined {
  if (uses.startsWith('./')) return undefined;

  if (uses.startsWith('docker://')) {
    const image = uses.slice('docker://'.length);
    const nameAndTag = image.slice(image.lastIndexOf('/') + 1);
    if (IMAGE_DIGEST.test(image) || EXACT_IMAGE_TAG.test(nameAndTag)) {
      return undefined;
    }
    return `${uses} is not pinned: give the image an @sha256: digest or an exact version tag`;
  }

  const at = uses.lastIndexOf('@');
  if (at < 0) return `${uses} names no version: ${HOW_TO_PIN}`;
  const ref = uses.slice(at + 1);
  if (EXACT_RELEASE_TAG.test(ref) || COMMIT_SHA.test(ref)) return undefined;
  return `${uses} is not pinned (${ref} can move): ${HOW_TO_PIN}`;
}
