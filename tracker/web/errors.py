"""One page per kind of failure: the person sees what went wrong, in their language,
and nothing half-written stays in the database."""

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from tracker.core.errors import DomainError
from tracker.extensions import db

_HTTP_MESSAGES = {
    400: _l("Yêu cầu không hợp lệ."),
    401: _l("Vui lòng đăng nhập."),
    403: _l("Bạn không có quyền thực hiện thao tác này."),
    404: _l("Không tìm thấy trang hoặc dữ liệu yêu cầu."),
    405: _l("Thao tác không được hỗ trợ tại địa chỉ này."),
    413: _l("Tệp hoặc dữ liệu gửi lên quá lớn."),
    429: _l("Quá nhiều yêu cầu. Vui lòng thử lại sau."),
    500: _l("Đã có lỗi ngoài ý muốn. Thao tác chưa được lưu; vui lòng thử lại."),
}


def render_error(status: int, message) -> tuple[str, int]:
    return render_template("errors/error.html", status=status, message=message), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        db.session.rollback()
        return render_error(error.status_code, error.message)

    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError):
        return render_error(
            400,
            _l("Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi thử lại."),
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        return render_error(status, _HTTP_MESSAGES.get(status, error.description))

    @app.errorhandler(InternalServerError)
    def internal_error(_error: InternalServerError):
        db.session.rollback()
        return render_error(500, _HTTP_MESSAGES[500])
