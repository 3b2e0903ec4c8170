// Quantity recognition: the figures in a report with their value, unit and reliability.
//
//   RecognizeQuantities("罚没款16.36万元,发放资料1000余份,好评率98.43%")
//     -> {"16.36万元", 163600, "元"}, {"1000余份", 1000, "份", approximate},
//        {"98.43%", 98.43, "%"}          (spans in code points)
//
// A figure is a quantity when a unit or classifier of data/units/units.tsv follows it (件, 人次,
// 万元, %, 个百分点, 千瓦, 平方公里, 微克/立方米 ...; unit_table.h), or when it carries a magnitude
// (3.3万农民). The value has magnitude words applied and the unit is as written without them:
// "1300万千瓦" -> 13000000 千瓦 (no unit is split into a magnitude and a shorter unit). Tenths are
// rates: 八成 -> 80 %, 七五折 -> 75 %. Modifiers go by meaning: 约/近/余/多/左右 make a figure
// approximate; 超过/逾/突破/以上/不少于 are a lower bound and 不到/不足/以内/以下 an upper one
// (both approximate too, in Quantity::bound); 约 of 签约 and 负 of 减负 are parts of words, not
// modifiers. Figures without digits are read with a modifier: 超千亿元 -> 1e11 元 (lower bound),
// 近万人 -> 10000 人, 千余家 -> 1000 家, and 数百家/上万人 -> 100 家/10000 人 as lower bounds (the
// least the words can mean). "3-5件" is a range. Rates over 100% and figures whose digits ran
// together are flagged suspect, never changed. Left out: list markers (一是, (1)), ordinals
// (第三十二条), dates, times, 文号 serials, URLs, slogans (“四个全面”, 五位一体, 一步一个脚印),
// classes (百亿级企业) and Chinese digit strings. Rule words live in quantity_words.h.
#ifndef FAZHI_SERVICES_EXTRACTION_QUANTITIES_QUANTITIES_H_
#define FAZHI_SERVICES_EXTRACTION_QUANTITIES_QUANTITIES_H_

#include <string>
#include <string_view>
#include <vector>

#include "services/extraction/prescan/prescan.h"
#include "services/extraction/record/record.h"

namespace fazhi::extraction {

std::vector<Quantity> RecognizeQuantities(std::string_view normalized_text);
// The same over the text already decoded (the extractor decodes a report once for every
// recognizer); spans index `code_points`. With the extractor's `prescan` of them, only the
// positions it marked kQuantityStart are read.
std::vector<Quantity> RecognizeQuantities(std::u32string_view code_points,
                                          const Prescan* prescan = nullptr);

// Marks kQuantityStart where RecognizeQuantities may find something to read.
void MarkQuantityStarts(PrescanTable& table);

namespace quantities_internal {
// A Chinese digit standing alone before a character that neither continues a figure nor starts a
// unit (一是, 一、, 进一步), with no currency symbol before it: RecognizeQuantities
// passes over it unread. Declared for the test that holds it to the number reader.
bool IsLoneDigitBeforeWord(std::u32string_view text, size_t pos);
}  // namespace quantities_internal

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_QUANTITIES_QUANTITIES_H_
