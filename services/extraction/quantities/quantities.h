// Quantity recognition: the figures in a report with their value, unit and reliability.
//
//   RecognizeQuantities("罚没款16.36万元,发放资料1000余份,好评率98.43%")
//     -> {"16.36万元", 163600, "元"}, {"1000余份", 1000, "份", approximate},
//        {"98.43%", 98.43, "%"}          (spans in code points)
//
// A figure is a quantity when a unit or classifier follows it (件, 人次, 万元, %, 个百分点 ...), or
// when it carries a magnitude (3.3万农民). Markers such as 余/多/近/以上 make it approximate;
// "3-5件" is a range. Rates over 100% and figures whose digits ran together are flagged suspect,
// never changed. Left out: list markers (一是, (1)), ordinals (第三十二条), dates, times, 文号
// serials, slogans (“四个全面”, 五位一体) and Chinese digit strings. Rule words live in
// quantity_words.h.
#ifndef FAZHI_SERVICES_EXTRACTION_QUANTITIES_QUANTITIES_H_
#define FAZHI_SERVICES_EXTRACTION_QUANTITIES_QUANTITIES_H_

#include <string>
#include <string_view>
#include <vector>

#include "services/extraction/record/record.h"

namespace fazhi::extraction {

std::vector<Quantity> RecognizeQuantities(std::string_view normalized_text);
// The same over the text already decoded (the extractor decodes a report once for every
// recognizer); spans index `code_points`.
std::vector<Quantity> RecognizeQuantities(std::u32string_view code_points);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_QUANTITIES_QUANTITIES_H_
