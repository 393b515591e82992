"""The demo unit: UBND xã Phổ Phong as its Q1 2023 CCHC report describes it."""
