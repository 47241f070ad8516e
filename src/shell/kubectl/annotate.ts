/** kubectl annotate */
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

export const annotate: VerbDef = {
  name: 'annotate',
  summary: { en: 'Update the annotations on a resource', zh: '更新资源上的注解' },
  usage:
    'kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  long: 'Update the annotations on one or more resources.\n\n All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON.\n\n Attempting to set an annotation that already exists will fail unless --overwrite is set.',
  examples: `  # Update pod 'foo' with the annotation 'description' and the value 'my frontend'
  kubectl annotate pods foo description='my frontend'

  # Update pod 'foo' by removing an annotation named 'description' if it exists
  kubectl annotate pods foo description-`,
  flags: [
    boolFlag(
      'overwrite',
      'If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations.',
    ),
    boolFlag('all', 'Select all resources, in the namespace of the specified resource types.'),
    boolFlag('list', 'If true, display the annotations for a given resource.'),
    flag(
      'resource-version',
      'If non-empty, the annotation update will only succeed if this is the current resource-version for the object.',
    ),
    boolFlag('local', 'If true, annotation will NOT contact api-server but run locally.'),
    SELECTOR_FLAG,
    ALL_NS_FLAG,
    FILENAME_FLAG,
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run: (k, p) => runMetaEdit(k, p, 'annotations'),
};
