import { entities } from './entities.js';
import { facts } from './facts.js';
import { label } from './label.js';
import { language } from './language.js';
import { link } from './link.js';
import { parse } from './parse.js';
import { read } from './read.js';
import { recognize } from './recognize.js';
import { references } from './references.js';
import { segment } from './segment.js';
import { translate } from './translate.js';
import { validate } from './validate.js';

/** Every per-document stage by the name pipeline files use (`write` runs over the whole set). */
export const documentStages = { read, parse, segment, references, link, entities, recognize, label, facts, translate, language, validate } as const;

/** A per-document stage name. */
export type DocumentStageName = keyof typeof documentStages;
