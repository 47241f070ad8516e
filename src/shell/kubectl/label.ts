/** kubectl label */
import { runMetaEdit } from './metaEdit';
import {
  ALL_NS_FLAG,
  boolFlag,
  DRY_RUN_FLAG,
  FILENAME_FLAG,
  flag,
  OUTPUT_FLAG,
  SELECTOR_FLAG,
  type VerbDef,
} from './verb';

export const label: VerbDef = {
  name: 'label',
  summary: { en: 'Update the labels on a resource', zh: '更新资源上的标签' },
  usage:
    'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  long: 'Update the labels on a resource.\n\n  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.\n  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.',
  examples: `  # Update pod 'foo' with the label 'unhealthy' and the value 'true'
  kubectl label pods foo unhealthy=true

  # Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
  kubectl label --overwrite pods foo status=unhealthy

  # Update pod 'foo' by removing a label named 'bar' if it exists
  kubectl label pods foo bar-`,
  flags: [
    boolFlag(
      'overwrite',
      'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.',
    ),
    boolFlag('all', 'Select all resources, in the namespace of the specified resource types'),
    boolFlag('list', 'If true, display the labels for a given resource.'),
    flag(
      'resource-version',
      'If non-empty, the labels update will only succeed if this is the current resource-version for the object.',
    ),
    boolFlag('local', 'If true, label will NOT contact api-server but run locally.'),
    SELECTOR_FLAG,
    ALL_NS_FLAG,
    FILENAME_FLAG,
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run: (k, p) => runMetaEdit(k, p, 'labels'),
};
