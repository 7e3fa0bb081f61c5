import assert from 'node:assert/strict';
import { statsLabels } from '../../../../src/adapters/charts/statsLabels';
import { BOM, csvField, csvFile } from '../../../../src/adapters/csv/csv';
import { statsCsv, statsCsvFileName } from '../../../../src/adapters/csv/statsCsv';
import { buildStatsReport } from '../../../../src/domain/stats/report';
import { fixtureSettings, fixtureTransitions, Q3_2026, StatsMother } from '../../domain/stats/statsMother';

/** RFC 4180, read by hand: fields split on commas, quoted fields may hold commas, CRLF and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') throw new Error(`bare line break at ${i}`);
    else field += ch;
  }
  assert.equal(quoted, false, 'no quote left open');
  assert.deepEqual([row, field], [[], ''], 'the file ends with CRLF');
  return rows;
}

const titles = Object.fromEntries(fixtureTransitions().transitions.map((t) => [t.id, t.title]));
const report = buildStatsReport(StatsMother.cases(), Q3_2026, fixtureSettings());

describe('adapters/csv: the statistics as CSV (UTF-8 with BOM, CRLF, RFC 4180)', () => {
  const bytes = statsCsv(report, statsLabels('ja', titles));
  const text = bytes.toString('utf8');
  const rows = parseCsv(text.slice(1));
  const block = (title: string): string[][] => {
    const start = rows.findIndex((r) => r[0] === title);
    assert.ok(start >= 0, `no block ${title}`);
    const end = rows.findIndex((r, i) => i > start && r.length === 1 && r[0] === '');
    return rows.slice(start, end < 0 ? undefined : end);
  };

  it('when the file is written, then it starts with the UTF-8 byte order mark EF BB BF', () => {
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(text[0], BOM);
  });

  it('when the file is read back, then every line ends with CRLF and no LF stands alone', () => {
    assert.ok(text.endsWith('\r\n'));
    assert.equal(text.split('\n').length - 1, text.split('\r\n').length - 1);
  });

  it('when the file is read back, then the Japanese headers and labels are intact', () => {
    assert.deepEqual(rows.slice(0, 4), [['医療的ケア児 統計（つなぐ）'], ['2026年度 第3四半期（2026-10-01〜2026-12-31）'], ['5未満の数は秘匿'], ['架空データを含みます']]);
    assert.deepEqual(block('ライフステージ別の子ども（人、期末時点）'), [
      ['ライフステージ別の子ども（人、期末時点）'],
      ['区分', '板橋', '常盤台', '志村', '赤塚', '高島平', 'その他（一覧にない地区）', '地区未設定', '区全体'],
      ['乳児期（在宅）', '*', '*', '*', '0', '0', '0', '0', '*'],
      ['就学前（保育園・幼稚園）', '*', '*', '*', '*', '0', '0', '*', '6'],
      ['小学生', '*', '*', '*', '*', '*', '*', '0', '9'],
      ['中学生', '*', '*', '*', '*', '0', '0', '0', '*'],
      ['高校生', '*', '*', '*', '0', '0', '0', '0', '*'],
      ['成人期', '*', '0', '0', '0', '*', '0', '0', '*'],
      ['合計', '9', '6', '*', '*', '*', '*', '*', '28'],
    ]);
  });

  it('when a count is suppressed, then it is written as 「*」 and a footnote row explains the mark', () => {
    const footnote = rows.find((r) => r[0] === '注');
    assert.ok(footnote, 'a footnote row');
    assert.match(footnote[1] ?? '', /^「\*」は秘匿した数です（5未満の数と、差し引きで/);
    assert.ok(rows.flat().includes('*'));
  });

  it('when handoff times are written, then the published medians and 90th percentiles are numbers and the hidden ones are 「*」', () => {
    const times = block('引継ぎにかかった開庁日数（中央値 / 90%点）');
    assert.deepEqual(times[1], ['区分', '受理・受領まで（中央値、開庁日）', '受理・受領まで（90%点、開庁日）', '完了まで（中央値、開庁日）', '完了まで（90%点、開庁日）']);
    assert.deepEqual(times.find((r) => r[0] === '受付の引継ぎ'), ['受付の引継ぎ', '2', '5', '2', '5']);
    assert.deepEqual(times.find((r) => r[0] === '引継ぎパッケージ'), ['引継ぎパッケージ', '*', '*', '*', '*']);
  });

  it('when every table is written, then each has its block with a header row and the published numbers', () => {
    for (const title of ['年齢別の子ども（人、期末時点）', '医療的ケア判定スコア別の子ども（人、期末時点）', '医療的ケア別の子ども（人、複数該当あり）', '担当コーディネーターの有無（人、期末時点）', '引継ぎ（件、期中に送付したもの、期末時点の状態）', '移行の節目の期限と完了（件、期中に期限のもの）', 'コーディネーターの担当件数（人）']) {
      assert.equal(block(title)[1]?.[0], '区分', title);
    }
    assert.deepEqual(block('移行の節目の期限と完了（件、期中に期限のもの）').at(-1), ['合計', '*', '*', '*', '*', '9']);
  });

  it('when the file is written, then no child name, coordinator name or unlisted district text is in it', () => {
    for (const name of StatsMother.names()) assert.ok(!text.includes(name), name);
    assert.ok(!text.includes('ときわ台北') && !text.includes('co1'));
  });

  it('when written in English, then the labels are English and the file name names the quarter', () => {
    const en = parseCsv(statsCsv(report, statsLabels('en', titles)).toString('utf8').slice(1));
    assert.deepEqual(en[1], ['FY2026 Q3 (2026-10-01 to 2026-12-31)']);
    assert.equal(statsCsvFileName(report), 'tsunagu-stats-2026Q3.csv');
  });

  describe('quoting', () => {
    it('when a field holds a comma, a quote or a line break, then it is quoted and the quote doubled', () => {
      assert.equal(csvField('板橋,北'), '"板橋,北"');
      assert.equal(csvField('「"架空"」'), '"「""架空""」"');
      assert.equal(csvField('一行目\r\n二行目'), '"一行目\r\n二行目"');
      assert.equal(csvField(' 前の空白'), '" 前の空白"');
      assert.equal(csvField(12), '12');
    });
    it('when a text field starts like a formula, then it is neutralised with an apostrophe', () => {
      assert.equal(csvField('=1+1'), "'=1+1");
      assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
      assert.equal(csvField('-2'), "'-2");
    });
    it('when quoted fields are read back, then they come out as written', () => {
      const file = csvFile([['地区', '備考'], ['板橋,北', '「"架空"」\r\n二行目'], ['合計', 3]]).toString('utf8');
      assert.deepEqual(parseCsv(file.slice(1)), [['地区', '備考'], ['板橋,北', '「"架空"」\r\n二行目'], ['合計', '3']]);
    });
  });
});
