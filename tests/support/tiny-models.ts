import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/**
 * Builds tiny but real ONNX models (a few KB) with onnx-proto, plus tokenizer and config
 * JSON in the layout transformers.js loads offline: <root>/<org>/<name>/{config.json,
 * tokenizer.json, tokenizer_config.json, onnx/*.onnx}. Each model is one embedding lookup
 * (Gather): a token's row of the table is its output, so what the model says is decided here.
 */

function tensor(name: string, dims: number[], values: number[]) {
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, floatData: values });
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType,
        shape: onnx.TensorShapeProto.create({ dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) }),
      }),
    }),
  });
}

const INT64 = onnx.TensorProto.DataType.INT64;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** A model whose output `output` is table[input_ids] ([batch, seq, width]); other inputs are declared and unused. */
function lookupModel(inputs: { name: string; type: number; dims: (number | string)[] }[], output: string, table: number[][], extraOutputs: string[] = []): Uint8Array {
  const width = table[0]!.length;
  const nodes = [onnx.NodeProto.create({ opType: 'Gather', input: ['table', inputs[0]!.name], output: [output], name: 'lookup' })];
  for (const extra of extraOutputs) nodes.push(onnx.NodeProto.create({ opType: 'Identity', input: [output], output: [extra], name: `copy_${extra}` }));
  const graph = onnx.GraphProto.create({
    name: 'tiny',
    node: nodes,
    initializer: [tensor('table', [table.length, width], table.flat())],
    input: inputs.map((i) => valueInfo(i.name, i.type, i.dims)),
    output: [output, ...extraOutputs].map((o) => valueInfo(o, FLOAT, ['batch', 'sequence', width])),
  });
  const model = onnx.ModelProto.create({ irVersion: 7, opsetImport: [{ domain: '', version: 13 }], producerName: 'digest-ingest tests', graph });
  return onnx.ModelProto.encode(model).finish();
}

function writeModelFolder(root: string, id: string, files: Record<string, string | Uint8Array>): void {
  const dir = join(root, id);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
}

/** A Chinese character token-classification model that tags the characters it is given. */
export function tinyTokenClassifier(labels: Record<string, string>): { root: string; id: string } {
  const root = mkdtempSync(join(tmpdir(), 'tiny-ner-'));
  const id = 'local/tiny-ner';
  const classes = ['O', ...[...new Set(Object.values(labels))].flatMap((t) => [`B-${t}`, `I-${t}`])];
  const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
  // Every character of a tagged word gets B- for its first character and I- after.
  const charLabel = new Map<string, string>();
  for (const [word, type] of Object.entries(labels)) [...word].forEach((ch, i) => charLabel.set(ch, `${i === 0 ? 'B' : 'I'}-${type}`));
  const common = [...'的在了和是与及等中上发表研究成果治疗患者显示'];
  const vocab = [...special, ...new Set([...charLabel.keys(), ...common])];
  const table = vocab.map((token) => classes.map((c) => (c === (charLabel.get(token) ?? 'O') ? 5 : 0)));
  const onnxModel = lookupModel(
    [
      { name: 'input_ids', type: INT64, dims: ['batch', 'sequence'] },
      { name: 'attention_mask', type: INT64, dims: ['batch', 'sequence'] },
      { name: 'token_type_ids', type: INT64, dims: ['batch', 'sequence'] },
    ],
    'logits',
    table,
  );
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: special.map((content, i) => ({ id: i, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: { type: 'BertProcessing', sep: ['[SEP]', 3], cls: ['[CLS]', 2] },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab.map((t, i) => [t, i])) },
  };
  writeModelFolder(root, id, {
    'config.json': JSON.stringify({ model_type: 'bert', architectures: ['BertForTokenClassification'], id2label: Object.fromEntries(classes.map((c, i) => [i, c])), label2id: Object.fromEntries(classes.map((c, i) => [c, i])) }),
    'tokenizer.json': JSON.stringify(tokenizer),
    'tokenizer_config.json': JSON.stringify({ tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 512, pad_token: '[PAD]', unk_token: '[UNK]', cls_token: '[CLS]', sep_token: '[SEP]', mask_token: '[MASK]' }),
    'onnx/model_quantized.onnx': onnxModel,
  });
  return { root, id };
}

/**
 * A Marian-shaped translation model whose decoder follows a fixed chain of tokens: whatever
 * the input, generation walks <pad> → words… → </s>. It exercises the real encoder/decoder
 * loading and the generation loop of transformers.js.
 */
export function tinyTranslator(words: string[]): { root: string; id: string } {
  const root = mkdtempSync(join(tmpdir(), 'tiny-mt-'));
  const id = 'local/tiny-opus-mt-zh-en';
  const vocab = ['<pad>', '</s>', '<unk>', ...words];
  const eos = 1;
  const pad = 0;
  // The decoder's row for token t points at the token that follows it in the chain.
  const next = (t: number) => (t === pad ? 3 : t >= 3 && t < vocab.length - 1 ? t + 1 : eos);
  const decoderTable = vocab.map((_, t) => vocab.map((__, u) => (u === next(t) ? 10 : 0)));
  const encoderTable = vocab.map((_, t) => [t, 1]);
  const encoder = lookupModel(
    [
      { name: 'input_ids', type: INT64, dims: ['batch', 'sequence'] },
      { name: 'attention_mask', type: INT64, dims: ['batch', 'sequence'] },
    ],
    'last_hidden_state',
    encoderTable,
  );
  const decoder = lookupModel(
    [
      { name: 'input_ids', type: INT64, dims: ['batch', 'sequence'] },
      { name: 'encoder_hidden_states', type: FLOAT, dims: ['batch', 'encoder_sequence', 2] },
      { name: 'encoder_attention_mask', type: INT64, dims: ['batch', 'encoder_sequence'] },
    ],
    'logits',
    decoderTable,
  );
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: ['<pad>', '</s>', '<unk>'].map((content, i) => ({ id: i, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: null,
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: { type: 'TemplateProcessing', single: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }], pair: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }], special_tokens: { '</s>': { id: '</s>', ids: [1], tokens: ['</s>'] } } },
    decoder: null,
    model: { type: 'WordLevel', vocab: Object.fromEntries(vocab.map((t, i) => [t, i])), unk_token: '<unk>' },
  };
  writeModelFolder(root, id, {
    'config.json': JSON.stringify({
      model_type: 'marian', architectures: ['MarianMTModel'], is_encoder_decoder: true, d_model: 2, encoder_layers: 0, decoder_layers: 0,
      encoder_attention_heads: 1, decoder_attention_heads: 1, vocab_size: vocab.length, decoder_vocab_size: vocab.length,
      pad_token_id: pad, eos_token_id: eos, decoder_start_token_id: pad, forced_eos_token_id: eos, max_length: words.length + 3, num_beams: 1, bad_words_ids: [],
    }),
    'generation_config.json': JSON.stringify({ pad_token_id: pad, eos_token_id: eos, decoder_start_token_id: pad, max_length: words.length + 3, num_beams: 1 }),
    'tokenizer.json': JSON.stringify(tokenizer),
    'tokenizer_config.json': JSON.stringify({ tokenizer_class: 'MarianTokenizer', model_max_length: 512, eos_token: '</s>', pad_token: '<pad>', unk_token: '<unk>' }),
    'onnx/encoder_model_quantized.onnx': encoder,
    'onnx/decoder_model_merged_quantized.onnx': decoder,
  });
  return { root, id };
}
