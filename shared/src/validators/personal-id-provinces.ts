/**
 * Province codes that open a 12-digit personal ID (digits 1–3): the province where the BIRTH was registered,
 * not where the person lives.
 *
 * - The 63 codes and old province names: [V] Phụ lục 1 TT 07/2016/TT-BCA (as reproduced at
 *   moinhat123.blogspot.com; matches public code). Codes equal the pre-2025 GSO codes with a leading 0.
 * - The province each belongs to since 1 Jul 2025 (code/name): [V] Công văn 915/CTK-CSCL + NQ 202/2025/QH15
 *   via github.com/dvhcvn/20250701 `mapping/merges.json`. Display only: the merger does not change numbers.
 * - Whether NEW births in merged provinces still get the old 3-digit code is NOT verified ([M]); all 63
 *   legacy codes stay accepted. Codes of births registered abroad (Phụ lục II) are not listed ([M] gap).
 */
export interface IdProvince {
  /** Province name before the 1 Jul 2025 merger, as the code was assigned. */
  readonly name: string;
  /** GSO code of the province it belongs to since 1 Jul 2025. */
  readonly code2025: string;
  readonly name2025: string;
}

const row = (name: string, code2025: string, name2025: string): IdProvince => ({ name, code2025, name2025 });

export const ID_PROVINCES: Readonly<Record<string, IdProvince>> = {
  '001': row('Hà Nội', '01', 'Thành phố Hà Nội'),
  '002': row('Hà Giang', '08', 'Tuyên Quang'),
  '004': row('Cao Bằng', '04', 'Cao Bằng'),
  '006': row('Bắc Kạn', '19', 'Thái Nguyên'),
  '008': row('Tuyên Quang', '08', 'Tuyên Quang'),
  '010': row('Lào Cai', '15', 'Lào Cai'),
  '011': row('Điện Biên', '11', 'Điện Biên'),
  '012': row('Lai Châu', '12', 'Lai Châu'),
  '014': row('Sơn La', '14', 'Sơn La'),
  '015': row('Yên Bái', '15', 'Lào Cai'),
  '017': row('Hòa Bình', '25', 'Phú Thọ'),
  '019': row('Thái Nguyên', '19', 'Thái Nguyên'),
  '020': row('Lạng Sơn', '20', 'Lạng Sơn'),
  '022': row('Quảng Ninh', '22', 'Quảng Ninh'),
  '024': row('Bắc Giang', '24', 'Bắc Ninh'),
  '025': row('Phú Thọ', '25', 'Phú Thọ'),
  '026': row('Vĩnh Phúc', '25', 'Phú Thọ'),
  '027': row('Bắc Ninh', '24', 'Bắc Ninh'),
  '030': row('Hải Dương', '31', 'Thành phố Hải Phòng'),
  '031': row('Hải Phòng', '31', 'Thành phố Hải Phòng'),
  '033': row('Hưng Yên', '33', 'Hưng Yên'),
  '034': row('Thái Bình', '33', 'Hưng Yên'),
  '035': row('Hà Nam', '37', 'Ninh Bình'),
  '036': row('Nam Định', '37', 'Ninh Bình'),
  '037': row('Ninh Bình', '37', 'Ninh Bình'),
  '038': row('Thanh Hóa', '38', 'Thanh Hóa'),
  '040': row('Nghệ An', '40', 'Nghệ An'),
  '042': row('Hà Tĩnh', '42', 'Hà Tĩnh'),
  '044': row('Quảng Bình', '44', 'Quảng Trị'),
  '045': row('Quảng Trị', '44', 'Quảng Trị'),
  '046': row('Thừa Thiên Huế', '46', 'Thành phố Huế'),
  '048': row('Đà Nẵng', '48', 'Thành phố Đà Nẵng'),
  '049': row('Quảng Nam', '48', 'Thành phố Đà Nẵng'),
  '051': row('Quảng Ngãi', '51', 'Quảng Ngãi'),
  '052': row('Bình Định', '52', 'Gia Lai'),
  '054': row('Phú Yên', '66', 'Đắk Lắk'),
  '056': row('Khánh Hòa', '56', 'Khánh Hòa'),
  '058': row('Ninh Thuận', '56', 'Khánh Hòa'),
  '060': row('Bình Thuận', '68', 'Lâm Đồng'),
  '062': row('Kon Tum', '51', 'Quảng Ngãi'),
  '064': row('Gia Lai', '52', 'Gia Lai'),
  '066': row('Đắk Lắk', '66', 'Đắk Lắk'),
  '067': row('Đắk Nông', '68', 'Lâm Đồng'),
  '068': row('Lâm Đồng', '68', 'Lâm Đồng'),
  '070': row('Bình Phước', '75', 'Đồng Nai'),
  '072': row('Tây Ninh', '80', 'Tây Ninh'),
  '074': row('Bình Dương', '79', 'Thành phố Hồ Chí Minh'),
  '075': row('Đồng Nai', '75', 'Đồng Nai'),
  '077': row('Bà Rịa - Vũng Tàu', '79', 'Thành phố Hồ Chí Minh'),
  '079': row('TP. Hồ Chí Minh', '79', 'Thành phố Hồ Chí Minh'),
  '080': row('Long An', '80', 'Tây Ninh'),
  '082': row('Tiền Giang', '82', 'Đồng Tháp'),
  '083': row('Bến Tre', '86', 'Vĩnh Long'),
  '084': row('Trà Vinh', '86', 'Vĩnh Long'),
  '086': row('Vĩnh Long', '86', 'Vĩnh Long'),
  '087': row('Đồng Tháp', '82', 'Đồng Tháp'),
  '089': row('An Giang', '91', 'An Giang'),
  '091': row('Kiên Giang', '91', 'An Giang'),
  '092': row('Cần Thơ', '92', 'Thành phố Cần Thơ'),
  '093': row('Hậu Giang', '92', 'Thành phố Cần Thơ'),
  '094': row('Sóc Trăng', '92', 'Thành phố Cần Thơ'),
  '095': row('Bạc Liêu', '96', 'Cà Mau'),
  '096': row('Cà Mau', '96', 'Cà Mau'),
};
