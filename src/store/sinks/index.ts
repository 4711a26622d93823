export { CsvSink } from './csv-sink.js';
export { JsonlSink } from './jsonl-sink.js';
export { ParquetSink } from './parquet-sink.js';
export { AtomicFile } from '../atomic-write.js';
export { sinkForFile, checkOutputPath, OUTPUT_EXTENSIONS } from './sink-for-file.js';
export { formatCsvCell, formatJsonCell, formatCsvNumber, formatJsonNumber } from './format-cell.js';
