//! Korean money: parsing "3억 5천만" and friends, formatting "300,000,000원 (3억 원)".
