"""What an HTTP failure says to the person who caused it, for the pages and the API."""

from flask_babel import lazy_gettext as _l

HTTP_MESSAGES = {
    400: _l("Yêu cầu không hợp lệ."),
    401: _l("Vui lòng đăng nhập."),
    403: _l("Bạn không có quyền thực hiện thao tác này."),
    404: _l("Không tìm thấy trang hoặc dữ liệu yêu cầu."),
    405: _l("Thao tác không được hỗ trợ tại địa chỉ này."),
    413: _l("Tệp hoặc dữ liệu gửi lên quá lớn."),
    415: _l("Yêu cầu không hợp lệ."),
    429: _l("Quá nhiều yêu cầu. Vui lòng thử lại sau."),
    500: _l("Đã có lỗi ngoài ý muốn. Thao tác chưa được lưu; vui lòng thử lại."),
    503: _l("Cơ sở dữ liệu đang bận hoặc tạm thời không truy cập được. Thao tác chưa được lưu; "
            "vui lòng thử lại sau ít phút."),
}
